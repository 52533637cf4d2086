package dev.jcompose.load.validate;
import org.junit.jupiter.api.Test;
class ScratchTest {
  @Test void t() {
    String bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
    String[] cases = {
      "services:\n\tweb:\n    image: x\n",
      "services:\n  web:\n    image: nginx\n\tports: []\n",
      "services: [a, b\n",
      "services:\n  web:\n    image: \"nginx\n",
      "services:\n  web:\n    image: nginx\n  web:\n    image: httpd\n",
      "services:\n  web:\n    image: nginx\n    image: httpd\n",
      bomb,
      "services:\n  web: &w\n    image: x\n    extra: *w\n",
      "services:\n  web:\n    image: *nope\n",
      "? {a: 1}\n: b\n",
      "[".repeat(600) + "]".repeat(600),
      "services:\n  web:\n    <<: 1\n",
      "services:\n  web:\n    image: nginx\n   ports: []\n",
      "services:\n  web:\n  - image: x\n  bad: [\n",
      "services:\n  web:\n    image: nginx\n    command: 'unterminated\n",
      "services: {web: {image: nginx}\n",
      "--- \nservices: {}\n--- [\n",
      "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"\n",
      "x: !!int abc\n",
      "services:\n  web:\n    image: @nginx\n",
      "key: value\n  other: x\n",
    };
    for (String c : cases) {
      try { dev.jcompose.load.yaml.YamlParser.parseAll("compose.yaml", c); System.err.println("M OK?? " + c.substring(0, Math.min(30,c.length()))); }
      catch (dev.jcompose.error.ComposeException e) { System.err.println("M " + e.getMessage().replace("\n", "\\n")); }
    }
  }
}
