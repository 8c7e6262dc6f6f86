// Discord's limits on a modal (docs: Interactions › Receiving and Responding › Modal): its title,
// a field's label and its description. Shared by the private form and the forms buttons open.

export const MAX_TITLE = 45;
export const MAX_LABEL = 45;
export const MAX_DESCRIPTION = 100;
