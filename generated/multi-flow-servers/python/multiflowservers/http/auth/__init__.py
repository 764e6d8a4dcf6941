"""Authentication: credentials classes, managers and token stores."""
