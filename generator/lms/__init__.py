"""LMS packages of a built site: SCORM 1.2, SCORM 2004 (4th edition) and cmi5.

``build_package`` reads the built HTML (no MkDocs), copies the site into a zip,
adds the adapter script to the scenario pages of the package and writes the
manifest with the schema files it references.
"""

from generator.lms.pack import FORMATS, Packaged, build_package

__all__ = ["FORMATS", "Packaged", "build_package"]
