// Namespaces nearly every packaging and checking file uses.
global using System.Globalization;
global using System.IO.Compression;
global using System.Text;
global using System.Xml;
global using System.Xml.Linq;
