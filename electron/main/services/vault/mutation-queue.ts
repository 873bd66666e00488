/**
 * Runs async tasks one after another, in call order. Every vault mutation goes through one
 * queue so that two saves never interleave: each reads the state the previous one committed.
 * A failed task does not stop the queue.
 */
export class MutationQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
