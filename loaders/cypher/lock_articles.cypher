// The first statement of every batch: take a write lock on each of its articles (in id order,
// so two loads never wait on each other in a cycle), creating the node if it is new. A second
// load of the same article waits here until the first commits, and then sees it as stored
// (its text is set by the same transaction that writes its relationships).
UNWIND $ids AS id
MERGE (a:Article {id: id})
SET a._lock = true
REMOVE a._lock
RETURN id, a.text IS NOT NULL AS stored
