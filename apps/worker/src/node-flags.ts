/**
 * The flags every worker process is started with (issue 22, target 6).
 *
 * V8 sizes its heap to the machine (4 GiB of old space here) and lets a
 * worker's garbage — a chunk's profiles, its multi-row INSERT strings — pile
 * up to ~250 MB before a full collection: peak RSS 409 MB at 1,000,000
 * enterprises. Capped at 160 MB, the same run peaks at ~200 MB for ~3% more
 * time. What a job keeps alive is far less: a chunk of 2,000 enterprises, an
 * import batch, the model performance sample of 1,000,000 were measured
 * under the cap.
 *
 * `npm run start:worker` states the same flags (a test checks they agree).
 */
export const WORKER_NODE_FLAGS = ['--max-old-space-size=160'];
