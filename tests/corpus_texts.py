"""Three reports of one event, written for the corpus tests (not taken from any outlet)."""

BRIDGE = {
    "harbour-herald": """Cargo ship strikes Port Alden bridge, span closed for inspection

PORT ALDEN, March 14 — A cargo ship struck the Kessel Street bridge in Port Alden on Tuesday morning, forcing the city to close the span to all traffic while engineers inspect its supports.

The vessel, the Marta Lind, lost steering shortly after 7 a.m. as it left the container terminal, the harbour authority said. No one was injured.

"We will not reopen the bridge until every pier has been checked," Mayor Helen Okafor told reporters at the scene. She said the inspection could take up to two weeks.

About 40,000 vehicles cross the bridge each day, according to city figures. Buses were diverted to the Ring Road.

Harbour master Tomas Riedel said the ship's crew had reported an engine fault minutes before the collision. The coast guard has opened an investigation.
""",
    "city-wire": """Port Alden closes Kessel Street bridge after ship collision

PORT ALDEN, March 14 — The Kessel Street bridge in Port Alden was closed on Tuesday after the cargo ship Marta Lind collided with one of its piers, city officials said.

Harbour master Tomas Riedel said the crew had reported an engine fault shortly before 7 a.m., moments before the ship drifted into the bridge. Nobody was hurt.

Mayor Helen Okafor said the bridge would stay shut until engineers had examined every pier. "Safety comes first, and we will take the time it needs," Okafor said.

The city says roughly 40,000 vehicles use the bridge daily. Commuters faced long delays on the Ring Road, where buses were rerouted.

The coast guard said it had begun an investigation into the collision.
""",
    "evening-standard-post": """Chaos in Port Alden as runaway freighter slams into bridge

PORT ALDEN, March 14 — Commuters were stranded on Tuesday after a runaway freighter, the Marta Lind, slammed into the Kessel Street bridge, shutting the crucial crossing for what officials admit could be weeks.

Mayor Helen Okafor claimed the closure was unavoidable. "We will not reopen the bridge until every pier has been checked," she insisted.

Critics said the city had ignored warnings about the bridge's ageing piers. "This was a disaster waiting to happen," said Dana Whitfield, who leads a local commuters' group.

The harbour authority said the ship had lost steering as it left the container terminal shortly after 7 a.m. No injuries were reported.

The coast guard is investigating.
""",
}
