VALUE = "found through sys.path"
