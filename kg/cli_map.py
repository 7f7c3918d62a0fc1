"""`kg map`: draw the relationship map as one offline HTML file.

A thin layer: the graph comes from kg.jsonl + kg.graph (a build directory or facts.jsonl) or from
Neo4j (viz.from_neo4j), is cut down by kg.graph's ego/prune functions, and drawn by viz.render.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kg.cli_options import DatabaseOpt, DataOpt, PasswordFileOpt, PasswordOpt, UriOpt, UserOpt, neo4j_settings
from kg.errors import InputError
from kg.summary import console, err_console

if TYPE_CHECKING:
    from loaders.neo4j_connection import Neo4jSettings


def map_command(
    source: Annotated[
        Path | None,
        typer.Argument(
            help="A build directory (holding facts.jsonl) or a facts file (.jsonl, .parquet). Omit with --cypher/--query."
        ),
    ] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the HTML map.")] = Path("map.html"),
    focus: Annotated[
        list[str] | None,
        typer.Option("--focus", help="Draw only the neighbourhood of this name or alias; repeat for several."),
    ] = None,
    hops: Annotated[int, typer.Option("--hops", min=1, help="How many steps from --focus the map reaches.")] = 1,
    min_degree: Annotated[
        int, typer.Option("--min-degree", min=0, help="Leave out nodes with fewer than K relations (after --focus).")
    ] = 0,
    title: Annotated[
        str | None, typer.Option("--title", help="Title shown on the page (default: from the source).")
    ] = None,
    cypher: Annotated[
        str | None,
        typer.Option("--cypher", help='Read from Neo4j with this Cypher, e.g. "MATCH p=(:Person)-[:MET]-() RETURN p".'),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query",
            help="Read from Neo4j with a library query (kg query --list); a table maps the entities it names.",
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("-p", "--param", help="A parameter of --query/--cypher as key=value; repeat for more."),
    ] = None,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    password_file: PasswordFileOpt = None,
    database: DatabaseOpt = None,
    data: DataOpt = None,
) -> None:
    """Write an interactive relationship map: one HTML file that works offline (legend, search, filters, evidence)."""
    from kg.graph import ego_subgraph, prune_by_degree
    from viz import LARGE_MAP_NODES, is_large, render

    chosen = [s for s in (source is not None and "SOURCE", cypher and "--cypher", query and "--query") if s]
    if len(chosen) != 1:
        raise InputError("give exactly one source: a build directory or facts.jsonl, --cypher TEXT, or --query NAME")
    if param and source is not None:
        raise InputError("-p/--param only goes with --cypher or --query")

    from kg.outputs import check_output_file

    check_output_file(output, "-o")
    if source is not None:
        graph, default_title = _graph_from_facts(source)
    else:
        settings = neo4j_settings(uri, user, password, password_file, database, data)
        graph, default_title = _graph_from_neo4j(cypher, query, param or [], settings)

    if focus:
        graph = ego_subgraph(graph, focus, hops=hops)
        if graph.number_of_nodes() == 0:
            raise InputError(f"no node is named {' or '.join(focus)} (names and aliases are matched exactly)")
        default_title += f" · {'、'.join(focus)}"
    if min_degree:
        graph = prune_by_degree(graph, min_degree)
    if is_large(graph):
        err_console.print(
            f"[yellow]warning:[/] the map has {graph.number_of_nodes()} nodes and {graph.number_of_edges()} relations; "
            f"browsers get slow above ~{LARGE_MAP_NODES} nodes. Try --focus NAME --hops 1 or --min-degree K.",
            highlight=False,
            soft_wrap=True,
        )
    path = render(graph, output, title=title or default_title)
    console.print(
        f"wrote {path}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relations", highlight=False
    )


def _graph_from_facts(source: Path) -> tuple[Any, str]:
    from kg.graph import to_networkx
    from kg.stream import iter_facts_file

    path = source / "facts.jsonl" if source.is_dir() else source
    if not path.is_file():
        hint = " (run `kg build` first)" if source.is_dir() else ""
        raise InputError(f"{path}: no such facts file{hint}")
    return to_networkx(iter_facts_file(path)), f"关系图谱 · {source.name}"


def _graph_from_neo4j(
    cypher: str | None, query: str | None, param: list[str], settings: Neo4jSettings
) -> tuple[Any, str]:
    from kg.cli_neo4j import parse_params
    from loaders.neo4j_connection import open_driver
    from viz.from_neo4j import read_graph

    params: dict[str, Any] = parse_params(param)
    if query is not None:
        from cypher import load_query

        library = load_query(query)
        text, params, default_title = library.text, library.bind(params), f"关系图谱 · {query}"
    else:
        text, default_title = str(cypher), "关系图谱 · Neo4j"
    driver = open_driver(settings)
    try:
        graph = read_graph(driver, settings.database, text, params)
    finally:
        driver.close()
    return graph, default_title


def register(app: typer.Typer) -> None:
    """Add `kg map` to the `kg` app."""
    app.command("map")(map_command)
