import { createInterface } from 'node:readline';

/**
 * Reads a password from the terminal without echoing it, or one line from stdin when stdin is
 * not a terminal (scripts). Key material: the answer is a password; never print or log it.
 */
export function promptPassword(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    const rl = createInterface({ input, output: process.stderr, terminal: input.isTTY === true });
    if (input.isTTY) {
      process.stderr.write(question);
      // Swallow echo: readline writes typed characters through _writeToOutput.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    }
    rl.once('line', (line) => {
      if (input.isTTY) process.stderr.write('\n');
      rl.close();
      resolve(line);
    });
    rl.once('close', () => reject(new Error('No password given (stdin closed).')));
  });
}
