"""What a person does, one function each, shared by the CLI and the web so that the same operation behaves the
same in both: read the journal, call the science with typed values, store the result. No printing, no HTTP, no
JSON here (the shells render)."""
