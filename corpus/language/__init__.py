"""The grammar of minutes text, written once: dates, sentences, minute numbers, names, stems."""
