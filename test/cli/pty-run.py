"""Runs a command on a pseudo-terminal and answers its prompts, for the CLI's hidden-prompt test.

usage: python3 pty-run.py <answers separated by newlines> <command> [args...]
Waits for each prompt (text ending in ": ") before typing the next answer and Enter, so nothing is
typed while the terminal still echoes. Prints everything the terminal showed; exits with the
command's status.
"""
import os
import pty
import select
import sys
import time

answers = sys.argv[1].split("\n") if sys.argv[1] else []
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])

shown = b""
deadline = time.time() + 30


def read_some(timeout):
    global shown
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return False
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return None
    if not chunk:
        return None
    shown += chunk
    return True


for answer in answers:
    seen = len(shown)
    while not shown[seen:].rstrip(b" ").endswith(b":") and time.time() < deadline:
        if read_some(0.1) is None:
            break
    time.sleep(0.2)  # let the program switch the terminal to raw mode after printing the prompt
    os.write(fd, answer.encode() + b"\r")

while time.time() < deadline and read_some(0.2) is not None:
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
