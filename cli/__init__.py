"""The `danchu` command line: an edge like `api` and `web`, calling engine verbs from the server's shell."""
