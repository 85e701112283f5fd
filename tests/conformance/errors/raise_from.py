# Uncaught exception chained with `raise ... from ...`: both tracebacks are printed.
def parse_port(text):
    try:
        return int(text)
    except ValueError as e:
        raise RuntimeError(f"invalid port {text!r}") from e

print(parse_port("8080"))
print(parse_port("http"))
