// Relations of one type; __TYPE__ is replaced only by a name from kg.model.RELATION_TYPES.
// Identity: type + head + tail + article id + evidence start, so a reload adds nothing.
UNWIND $rows AS row
MATCH (h:Entity {id: row.head})
MATCH (t:Entity {id: row.tail})
MERGE (h)-[r:__TYPE__ {article_id: row.article_id, start: row.start}]->(t)
SET r += row.properties,
    r.end = row.end,
    r.sentence = row.sentence,
    r.date = row.date
