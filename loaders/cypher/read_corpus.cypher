// The corpus statistics and home city an earlier load kept (kg.resolve.CorpusStats as JSON).
MATCH (c:KgCorpus {key: 'resolution'})
RETURN c.stats AS stats, c.home AS home
