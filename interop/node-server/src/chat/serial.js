// Runs tasks with the same key one after another, tasks with different keys independently. Messages of one
// conversation are stored and broadcast inside it, so every socket sees them in seq order (§8.2) even when
// the store answers asynchronously.
export class KeyedSerializer {
  constructor() {
    /** key -> the promise of the last task queued under it */
    this.tails = new Map();
  }

  /**
   * @template T
   * @param {string} key
   * @param {() => Promise<T>} task
   * @returns {Promise<T>}
   */
  run(key, task) {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(() => undefined, () => undefined);
    this.tails.set(key, tail);
    tail.then(() => {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key); // nothing queued behind it: do not keep the key forever
      }
    });
    return result;
  }
}
