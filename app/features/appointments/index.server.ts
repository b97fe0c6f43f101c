// The public face of the appointments feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// Appointments at the Standorte: slots, booking, rebooking, cancelling, invitations, mails with calendar files, reminders, the API and the Standortleitung's slot pages.
export * from "./appointments.server";
export * from "./mail.server";
export * from "./reminders.server";
export * from "./demo-data.server";
export * from "./api.server";
export * from "./staff.server";
