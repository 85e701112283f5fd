# An exception raised while handling another: implicit chaining via __context__.
def cleanup(resource):
    print("cleaning", resource)
    return resource["handle"]

def work():
    resource = {"name": "db"}
    try:
        raise ConnectionError("lost connection")
    except ConnectionError:
        cleanup(resource)

work()
