#!/usr/bin/env python3
# Runs a command with a pseudo-terminal (200 columns) as its stdin,
# stdout and stderr, and prints what it wrote there, so that a test can
# see what a user at a console sees.  Exits with the command's status.
# Usage: pty.py COMMAND [ARG...]
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios

master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
proc = subprocess.Popen(sys.argv[1:], stdin=slave, stdout=slave,
                        stderr=slave, close_fds=True)
os.close(slave)
out = b""
while True:
    ready, _, _ = select.select([master], [], [], 120)
    if not ready:
        break
    try:
        data = os.read(master, 65536)
    except OSError:        # EIO: every writer has closed the terminal
        break
    if not data:
        break
    out += data
proc.wait()
sys.stdout.buffer.write(out)
sys.exit(proc.returncode)
