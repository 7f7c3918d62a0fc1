// The administrative chain of each Place (properties.chain_ids from resolve, kg/divisions.py):
// one PART_OF from a place to the unit it lies in, up to the province. A unit no article names
// is created as a Place of its own, with its official code and level when it has them; a coded
// unit also gets its short form as an alias (丽水市: 丽水), so a query may name it either way.
UNWIND $rows AS row
MERGE (c:Entity {id: row.child})
ON CREATE SET c:Place, c.name = row.child_name, c.aliases = [], c.titles = [],
              c.adcode = row.child_adcode, c.level = row.child_level
MERGE (p:Entity {id: row.parent})
ON CREATE SET p:Place, p.name = row.name, p.aliases = [], p.titles = []
SET p.adcode = coalesce(p.adcode, row.adcode),
    p.level = coalesce(p.level, row.level),
    p.aliases = coalesce(p.aliases, []) + [a IN row.aliases WHERE NOT a IN coalesce(p.aliases, [])]
MERGE (c)-[:PART_OF]->(p)
