"""The quality harness: cleaning, entities, relations and answers measured on real pages."""
