package seconddoc
