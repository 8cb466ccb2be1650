/** The id of the display that shows a service's availability (the schema's services.availability uses it). */
export const SERVICE_AVAILABILITY_DISPLAY = 'service-availability';
