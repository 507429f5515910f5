#!/usr/bin/env python3
"""Fails when a tracked Swift file has a line wider than .swift-format's lineLength (in
characters): swift format wraps code, but cannot break a long string literal or comment."""
import json
import os
import subprocess
import sys

root = subprocess.check_output(["git", "rev-parse", "--show-toplevel"], text=True).strip()
limit = json.load(open(os.path.join(root, ".swift-format")))["lineLength"]
files = subprocess.check_output(["git", "ls-files", "*.swift"], cwd=root, text=True).split()
long = [(name, number, len(line.rstrip("\n")))
        for name in files
        for number, line in enumerate(open(os.path.join(root, name), encoding="utf-8"), 1)
        if len(line.rstrip("\n")) > limit]
for name, number, width in long:
    print(f"{name}:{number}: {width} characters, more than {limit}")
print(f"{len(files)} Swift files, {len(long)} lines over {limit} characters")
sys.exit(1 if long else 0)
