/** Base path of the versioned public API (health and docs live outside it). */
export const API_V1 = 'api/v1';
