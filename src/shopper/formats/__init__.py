"""Reading the YAML a user edits: positions, precise errors, `${ENV}`, durations, languages."""
