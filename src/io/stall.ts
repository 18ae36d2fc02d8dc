/**
 * A reader that stops without an error or an end (the event loop empties while
 * a read is pending) would let Node exit with code 13 and no output. This guard
 * turns that into an error with a message.
 */
import { msg } from '../core/message-catalog.js';
import { inputError } from '../errors.js';

export function guardStall<T>(work: Promise<T>, what: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onBeforeExit = () => reject(inputError('READ_STALLED', msg('READ_STALLED', { file: what() }), msg('READ_STALLED_HINT')));
    process.once('beforeExit', onBeforeExit);
    work.then(
      (v) => {
        process.off('beforeExit', onBeforeExit);
        resolve(v);
      },
      (e: unknown) => {
        process.off('beforeExit', onBeforeExit);
        reject(e);
      },
    );
  });
}
