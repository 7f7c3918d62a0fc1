// MENTIONS of articles new to the database: none of them can exist yet, so CREATE is exact.
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (e:Entity {id: row.entity_id})
CREATE (a)-[:MENTIONS]->(e)
