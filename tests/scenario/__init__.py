"""Scenario helper: a world written as a small ASCII picture, for rule tests.

After Hauberk's test DSL: draw a stage, step it with commands, assert on
what happened. Three parts, one file each: `picture` builds a World from
the picture's rows (`rows` reads them), `running` steps it with commands,
`looking` and `asserting` read back where things stand and what happened.

    >>> from scenario.picture import scenario
    >>> from scenario.running import play
    >>> from scenario.looking import position
    >>> world = scenario('''
    ...     #######
    ...     #@.D..#
    ...     #....X#
    ...     #######
    ... ''')
    >>> events = play(world, "E*6 . wake*45")  # step, let go on arrival, wake
    >>> [type(e).__name__ for e in events]
    ['Moved', 'WakeProgress', 'WakeProgress', 'Woke']
    >>> position(world)
    (2, 1)

It lives with the tests, not in `dreamscape.sim`, because only tests use
it: the game, the bots and the tools never build a world from a picture,
and a test language has no place in the simulation the wheel ships. It
builds worlds the way any caller does, through `World(ds, start=Start(...))`,
and never changes a World's fields afterwards. Pure like `sim`: numpy
only, no pygame, no global random.
"""
