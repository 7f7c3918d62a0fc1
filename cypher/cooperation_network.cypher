// Party–party cooperation agreements (山海协作, 结对, 对口支援 …) with counts and names; -p level=city rolls them up.
// optional $level = '' (one of: township, county, city, province)
// With a level, each party that is a Place stands for the unit of that level it lies in
// (PART_OF, kg/divisions.py): 峰源乡 → 丽水市 for level=city, → 浙江省 for level=province. A unit
// with no unit of that level above it (a district of 重庆市) stands for the nearest one above;
// parties not inside such a unit (organizations, unplaced sites) and pairs inside one unit drop out.
CALL () {
  MATCH (x:Entity)-[r:SIGNED_AGREEMENT]-(y:Entity)
  WHERE x.id < y.id
  RETURN x, y, coalesce(r.agreement, '') AS agreement
  UNION
  MATCH (x:Entity)-[:PARTY_TO]-(ag:Agreement)-[:PARTY_TO]-(y:Entity)
  WHERE x.id < y.id
  RETURN x, y, ag.name AS agreement
}
WITH x, y, agreement, ['province', 'city', 'county', 'township', 'village'] AS levels
WITH x, y, agreement, levels[0..[i IN range(0, size(levels) - 1) WHERE levels[i] = $level | i + 1][0]] AS upto
CALL (x, upto) {
  OPTIONAL MATCH path = (x)-[:PART_OF*0..6]->(a:Entity)
  WHERE $level = '' OR (a:Place AND a.level IN upto)
  RETURN a AS ux ORDER BY length(path) LIMIT 1
}
CALL (y, upto) {
  OPTIONAL MATCH path = (y)-[:PART_OF*0..6]->(b:Entity)
  WHERE $level = '' OR (b:Place AND b.level IN upto)
  RETURN b AS uy ORDER BY length(path) LIMIT 1
}
WITH ux, uy, agreement
WHERE ux IS NOT NULL AND uy IS NOT NULL AND ux <> uy
WITH CASE WHEN ux.name <= uy.name THEN ux ELSE uy END AS a,
     CASE WHEN ux.name <= uy.name THEN uy ELSE ux END AS b, agreement
WITH a, b, collect(DISTINCT agreement) AS names
RETURN
  a.name AS party_a,
  b.name AS party_b,
  size(names) AS agreements,
  names
ORDER BY agreements DESC, party_a, party_b
