"""What the figures say: cluster capacity (the one owner of occupancy), site search, relocation, stats, search."""
