# Module-level state for the isolation tests: every interpreter imports its own copy.
count = 0


def bump():
    global count
    count += 1
    return count
