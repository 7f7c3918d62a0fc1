// The administrative chain of each Place (properties.chain_ids from resolve, kg/divisions.py):
// one PART_OF from a place to the unit it lies in, up to the province. A unit no article names
// is created as a Place of its own, with its official code and level when it has them.
UNWIND $rows AS row
MERGE (c:Entity {id: row.child})
ON CREATE SET c:Place, c.name = row.child_name, c.aliases = [], c.titles = [],
              c.adcode = row.child_adcode, c.level = row.child_level
MERGE (p:Entity {id: row.parent})
ON CREATE SET p:Place, p.name = row.name, p.aliases = [], p.titles = []
SET p.adcode = coalesce(p.adcode, row.adcode),
    p.level = coalesce(p.level, row.level)
MERGE (c)-[:PART_OF]->(p)
