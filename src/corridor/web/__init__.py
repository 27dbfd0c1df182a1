"""Officers' web pages: server-rendered templates, with every asset served by the node itself."""
