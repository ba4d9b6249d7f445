/** The Redis connection /health/ready pings, provided only when REDIS_URL is set. */
export const HEALTH_REDIS = Symbol('HEALTH_REDIS');
