"""Export: approved orders leave as CSV batches, each once; duplicates, touchless, 注文請書."""
