// Keep the corpus statistics and home city of everything loaded so far, for the next load.
MERGE (c:KgCorpus {key: 'resolution'})
SET c.stats = $stats, c.home = $home
