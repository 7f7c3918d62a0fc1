// Constraints and indexes the loader relies on: one node per entity id and per article id
// (articles are not entities: an Article node has no Entity label).
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
// Every name lookup of cypher/ goes through this full-text index over names and aliases: the
// cjk analyzer cuts Chinese into overlapping pairs of characters, and a quoted phrase of the
// name finds the candidates, which the query then filters by exact name or alias.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
