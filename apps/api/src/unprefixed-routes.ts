/** Where operators' endpoints live. */
export const QUEUE_BOARD_PATH = 'admin/queues';
export const METRICS_PATH = 'metrics';

/**
 * Paths kept outside the versioned API prefix: scrape configs and bookmarks
 * should not change with the API version, and the board is a page, not an API.
 */
export const UNPREFIXED_ROUTES = [METRICS_PATH, QUEUE_BOARD_PATH, `${QUEUE_BOARD_PATH}/{*rest}`];
