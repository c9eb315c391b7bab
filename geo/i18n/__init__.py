"""Words in Vietnamese and English: the language parser, labels, page words, messages, numbers and money."""
