// An Article-typed entity that is not the article being loaded (one article citing another):
// the Article node of that id, created with its name as title if the article itself is not loaded.
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a.name = row.name, a.title = row.name
