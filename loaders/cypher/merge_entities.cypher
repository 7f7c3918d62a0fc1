// Entities keyed by id, with their type as a second label (a parameter: dynamic labels, Neo4j
// 5.26; the writer only sends types from kg.model.ENTITY_TYPES). Aliases and titles accumulate
// over articles and loads, so a reload adds nothing. titles_first_seen / titles_last_seen run
// parallel to titles (ISO dates, "" when unknown): each title keeps the earliest first and the
// latest last date of every load. The node is write-locked before its lists are read, so two
// loads at once cannot lose each other's titles.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.name = row.name
SET n._lock = true
WITH n, row, coalesce(n.titles, []) AS old, coalesce(n.titles_first_seen, []) AS oldFirst,
     coalesce(n.titles_last_seen, []) AS oldLast, row.titles AS new
WITH n, row, old, oldFirst, oldLast, new, old + [x IN new WHERE NOT x IN old] AS titles,
     row.first IS NOT NULL OR n.titles_first_seen IS NOT NULL AS dated
SET n:$(row.label),
    n += row.properties,
    n.aliases = coalesce(n.aliases, []) + [x IN row.aliases WHERE NOT x IN coalesce(n.aliases, [])],
    n.titles = titles,
    n.titles_first_seen = CASE WHEN dated THEN [t IN titles |
        reduce(m = "", d IN [i IN range(0, size(old) - 1) WHERE old[i] = t | coalesce(oldFirst[i], "")]
                          + [j IN range(0, size(new) - 1) WHERE new[j] = t | coalesce(row.first[j], "")] |
               CASE WHEN d <> "" AND (m = "" OR d < m) THEN d ELSE m END)] END,
    n.titles_last_seen = CASE WHEN dated THEN [t IN titles |
        reduce(m = "", d IN [i IN range(0, size(old) - 1) WHERE old[i] = t | coalesce(oldLast[i], "")]
                          + [j IN range(0, size(new) - 1) WHERE new[j] = t | coalesce(row.last[j], "")] |
               CASE WHEN d > m THEN d ELSE m END)] END
REMOVE n._lock
