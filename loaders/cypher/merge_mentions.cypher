// One MENTIONS relationship from an article to each entity it names.
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (e:Entity {id: row.entity_id})
MERGE (a)-[:MENTIONS]->(e)
