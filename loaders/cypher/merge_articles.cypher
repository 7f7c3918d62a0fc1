// Article nodes keyed by article id; title, date, source, byline and text stored as given. An
// article is not an Entity: queries over entities need no `WHERE NOT n:Article`.
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.name = row.name,
    a.title = row.title,
    a.date = row.date,
    a.source = row.source,
    a.byline = row.byline,
    a.text = row.text
