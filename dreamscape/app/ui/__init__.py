"""The game's menu kit, drawn with the shared theme, text and glyphs of `dreamscape.render`.

    scale.menu_scale    the menus' scale for a window (the App's text scale, capped)
    panels              translucent panels, rules, the dimming veil, headings
    menu_item.MenuItem  one row of a menu
    menu.Menu           a vertical menu: navigation, scrolling and layout
    menu_rows           how one row is painted (values, sliders, switches, marks)
    hints               key caps and the hint bar that names the player's own keys
    menu_scene          MenuScene, a screen made of these over the shared backdrop
"""
