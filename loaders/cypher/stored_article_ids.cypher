// The ids of the articles already stored: a resumed load skips them (each article is written whole,
// in one transaction with its entities and relations, so a stored Article is a complete one).
MATCH (a:Article)
RETURN a.id AS id
