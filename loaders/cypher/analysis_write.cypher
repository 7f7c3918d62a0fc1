// kg analyze --write: the measures of each person as node properties (kg/analysis.py node_properties).
UNWIND $rows AS row
MATCH (p:Entity {id: row.id})
SET p += row.properties
RETURN count(p) AS written
