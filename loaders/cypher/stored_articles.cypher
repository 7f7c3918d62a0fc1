// Which of $ids are articles the graph already holds (their text is written with their facts).
UNWIND $ids AS id
MATCH (a:Article {id: id})
WHERE a.text IS NOT NULL
RETURN a.id AS id
