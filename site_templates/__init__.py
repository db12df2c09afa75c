"""The templates, strings, player and offline files that ship as ``generator.site_templates``.

Not Python: this file only makes the folder a regular package, so that
``importlib.resources.files`` gives its real folder (see generator/render/templates.py).
"""
