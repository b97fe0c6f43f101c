// Common passwords, compared lower-case. Compiled for this portal from well-known lists of the most
// used passwords and the usual German patterns (first names, football clubs, "passwort123",
// "hallo1234", "schalke04", words with a year or "!" appended). Generated; 1490 entries.
// Entries shorter than the minimum length are kept: the list is also useful on its own.
const LIST = `
123456 password 12345678 qwerty 123456789 111111 1234567 dragon 123123 baseball abc123 football monkey letmein
696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman 1qaz2wsx 7777777
121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer harley batman
andrew tigger sunshine iloveyou charlie robert thomas hockey ranger daniel starwars klaster 112233 george
computer michelle jessica pepper zxcvbn 555555 11111111 131313 freedom 777777 maggie 159753 aaaaaa ginger
princess joshua cheese amanda summer ashley nicole chelsea matthew access yankees 987654321 dallas austin
thunder taylor matrix william corvette martin heather secret merlin diamond 1234qwer gfhjkm hammer silver
222222 88888888 anthony justin bailey q1w2e3r4t5 patrick internet scooter orange golfer cookie richard
samantha bigdog guitar jackson whatever mickey chicken sparky snoopy maverick phoenix camaro peanut morgan
welcome falcon cowboy ferrari samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa
boomer booboo spider nascar monster tigers yellow xxxxxx 123123123 gateway marina diablo bulldog qwer1234
compaq purple hardcore banana junior hannah 123654 porsche lakers iceman cowboys 987654 london tennis 999999
ncc1701 coffee scooby miller boston q1w2e3r4 brandon yamaha chester mother forever johnny edward 333333 oliver
redsox player nikita knight fender barney midnight please brandy chicago badboy slayer rangers charles flower
rabbit wizard jasper rachel steven winner adidas victoria natasha 1q2w3e4r jasmine winter prince marine ghbdtn
fishing cocacola casper 232323 raiders 888888 marlboro gandalf asdfasdf crystal 87654321 12344321 golden
8675309 warrior 1q2w3e4r5t qwe123 password1 password123 password12 password1234 passw0rd p@ssw0rd p@ssword
pa55word pa55w0rd admin123 administrator login123 welcome1 welcome123 letmein123 iloveyou1 iloveyou123
sunshine1 princess1 football1 monkey123 dragon123 qwerty123 qwerty1234 qwerty12345 qwertyuiop123 1qaz2wsx3edc
zaq12wsx zaq1zaq1 1q2w3e4r5t6y 1q2w3e4r5t6y7u8i 1234554321 123456654321 1234512345 0987654321 9876543210
123123123123 1231231234 147258369 741852963 159357 1597534862 abcd1234 abc12345 abcdef abcdefg abcdefgh
abcdefghij abcdefghijk aaaaaaaaaa 0000000000 1111111111 2222222222 5555555555 9999999999 1212121212 1122334455
1029384756 asdfghjkl asdfghjkl1 zxcvbnm123 qwertzuiop qwertz qwertz123 qwertz1234 qwertzu qwertzui asdfghjklö
yxcvbnm ysxdcfvgbhnjm yxcvbnm123 123qweasd 123qweasdzxc qweasdzxc qweasd123 asd123 asdasd asdasdasd qwe123qwe
1234abcd 12345abc 123456abc 123abc 1a2b3c4d5e a1b2c3d4e5 a1s2d3f4 iloveyou2 letmein1 changeme changeme123
default default123 secret123 geheim123 test1234 test12345 testtest test123456 guest123 user123 demo123
master123 superman1 batman123 starwars1 pokemon pokemon123 minecraft minecraft123 fortnite roblox football123
baseball1 soccer123 liverpool chelsea123 arsenal123 manchester manutd barcelona realmadrid juventus ronaldo
neymar zidane beckham michael1 jordan23 lovely loveme lovelove babygirl baby123 sweety angel123 angels blessed
jesus123 jesus1 christ heaven godisgood nothing whatever1 hello123 hello1234 helloworld hallo123 hallo1234
hallo12345 hallo1 halloo hallohallo hallo2024 hallo2025 hallodu servus servus123 moin123 moinmoin tschuess
passwort passwort1 passwort12 passwort123 passwort1234 passwort12345 passwort! passwort123! passwort2020
passwort2021 passwort2022 passwort2023 passwort2024 passwort2025 passwort2026 meinpasswort meinpasswort123
neuespasswort neuespasswort1 keinpasswort daspasswort geheimespasswort geheim geheim1 geheimnis geheimnis123
sicher sicher123 sicherheit sicheres123 schatz schatz123 schatzi schatzi123 mausi123 maus123 hase123 hasi123
hasenbraten baerchen baerchen1 baerli schnucki schnuckel schnecke schnecke1 liebe123 liebling liebling1
ichliebedich ichliebedich1 ichliebedich123 liebedich engel123 engelchen prinzessin prinzessin1 sonne123
sonnenschein sonnenschein1 sonnenblume blume123 blumen sommer sommer123 sommer2024 sommer2025 winter123
winter2024 herbst herbst123 fruehling fruehling1 weihnachten weihnachten1 ostern januar februar august
september oktober november dezember montag freitag wochenende urlaub urlaub123 familie familie123 kinder
kinder123 mama123 papa123 mamapapa oma123 katze123 katzen hund123 pferde pferd123 schnuffel struppi fussball
fussball1 fussball123 fußball schalke schalke04 schalke1904 s04s04 bvb1909 borussia borussia09 borussia1
dortmund dortmund09 bayern bayern1 bayern123 bayern1900 fcbayern fcbayern1 fcb1900 muenchen münchen hsv1887
hamburg hamburg1 werder werderbremen werder1899 bremen fckoeln effzeh 1fckoeln gladbach fohlen eintracht
frankfurt hertha herthabsc berlin berlin123 stpauli stpauli1 hannover hannover96 vfbstuttgart stuttgart
leipzig dresden dynamo kaiserslautern nuernberg fortuna fortuna95 bochum bielefeld arminia aachen alemannia
deutschland deutschland1 germany germany1 heinsberg erkelenz hueckelhoven geilenkirchen wegberg siegen
jobcenter jobcenter1 jobcenter123 arbeitsamt arbeitsagentur buergergeld bürgergeld hartz4 hartziv hartz4hartz4
antrag antrag123 formular computer1 computer123 internet1 internet123 laptop handy123 telefon email123
emailpasswort facebook facebook1 instagram whatsapp google google123 youtube iphone samsung1 windows windows10
microsoft ubuntu server abcde12345 schule schule123 arbeit arbeit123 firma123 kollege student studium
universitaet auto123 bmw123 mercedes1 audi123 porsche911 golf123 volkswagen opelcorsa toyota traktor motorrad
harley1 ducati fahrrad michael123 thomas123 andreas andreas1 stefan stefan123 daniel123 alexander alexander1
christian christian1 markus matthias sebastian tobias florian patrick1 dennis kevin123 marcel maximilian
julian niklas benjamin moritz sabine sabine1 julia123 nicole1 anna123 laura123 sarah123 lisa123 katharina
kathrin stefanie christina melanie sandra sandra1 jessica1 jennifer1 vanessa monika ursula claudia susanne
andrea1 martina birgit nadine jasmin jasmin123 michelle1 sophie maria123 mario123 peter123 wolfgang juergen
jürgen dieter manfred frank123 rainer helmut werner guenter karl-heinz mustafa mehmet ali123 mohammed yilmaz
istanbul istanbul34 galatasaray fenerbahce besiktas trabzonspor türkiye turkiye turkey ankara kardesim
sevgilim seviyorum askim123 bismillah allah123 inshallah mashallah russia moskva privet qwerty777 ukraine
polska polska1 warszawa kochamcie romania bucuresti tehran 1234567891 12345678910 123456789a a123456789
123456789q q123456789 1234567890a 1234567890q qwerty1 qwerty12 qwertyu qwertyui qwertyuio 1qazxsw2 xsw21qaz
2wsx3edc 3edc4rfv 1qay2wsx 1qay2wsx3edc yxcvbnm1 asdf1234 asdfjkl asdfjklö mnbvcxy 1q2w3e 1q2w3e4r5 !qaz2wsx
!qaz@wsx iloveyou! hallo! hallo123! sommer! schatz! qwertz! qwertz123! password! password1! password123!
admin! admin1234 administrator1 superuser system system123 willkommen willkommen1 willkommen123 willkommen!
welcome! start123 start1234 anfang beginn neustart neu123 neu1234 passwortneu zugang zugang123 zugangsdaten
anmeldung anmelden anmelden123 einloggen benutzer benutzer1 benutzername konto123 meinkonto online online123
vergessen vergessen1 keineahnung egal123 nichts irgendwas irgendwas123 blabla blabla123 lalala hahaha hihihi
lolipop lollipop schokolade schokolade1 kaffee kaffee123 bier123 pizza123 doener currywurst kartoffel banane
banane123 apfel123 erdbeere kirsche zitrone tomate kuchen keks123 zucker zucker123 honig123 smile123 happy123
lucky123 lucky7 freedom1 freiheit freiheit1 frieden hoffnung glueck glueck123 gluecklich leben123 teufel
teufel666 hoelle himmel himmel123 sterne mond123 wasser feuer123 schnee drache drache123 drachen tiger123
wolf123 fuchs123 elefant giraffe pinguin delfin delphin schmetterling marienkaefer spinne ameise maulwurf
eichhoernchen frosch krokodil affe123 schwein kuh123 fisch123 ninja123 samurai pirat123 ritter koenig koenigin
kaiser zauberer hexe123 vampir zombie matrix1 terminator rocky123 tarzan simpsons spongebob pumuckl
pippilangstrumpf benjaminbluemchen tabaluga sandmann asterix obelix donald mickeymouse minnie snoopy1 garfield
pikachu charmander mario1 tetris pacman nintendo playstation xbox360 gaming zocker warcraft counterstrike
cs1234 battlefield callofduty fifa22 fifa23 fifa24 harrypotter hogwarts gryffindor hermine voldemort gandalf1
herrderringe starwars123 skywalker darthvader chewbacca startrek enterprise batman1 superman123 spiderman
ironman avengers marvel wonderwoman passwort1! sommer2024! sommer2025! winter2024! welcome123! sonnenschein123
asdf123 schalke123 borussia123 dortmund123 werder123 hamburg123 koeln123 deutschland123 test123 buergergeld123
prinzessin123 andreas123 alexander123 christian123 sabine123 nicole123 dennis123 marcel123 tobias123
florian123 sebastian123 markus123 matthias123 bvb123 hsv123 fcbayern123 galatasaray123 fenerbahce123
princess123 sunshine123 shadow123 charlie123 schatz1234 schatzi1234 sommer1234 winter1234 sonne1234
sonnenschein1234 liebe1234 ichliebedich1234 geheim1234 schalke1234 bayern1234 borussia1234 dortmund1234
fussball1234 werder1234 hamburg1234 berlin1234 koeln1234 deutschland1234 willkommen1234 welcome1234
computer1234 internet1234 jobcenter1234 buergergeld1234 familie1234 mama1234 papa1234 katze1234 hund1234
mausi1234 hase1234 engel1234 prinzessin1234 michael1234 thomas1234 andreas1234 stefan1234 daniel1234
alexander1234 christian1234 julia1234 sabine1234 nicole1234 anna1234 laura1234 sarah1234 lisa1234 maria1234
peter1234 frank1234 kevin1234 dennis1234 marcel1234 tobias1234 florian1234 sebastian1234 markus1234
matthias1234 bvb1234 hsv1234 fcbayern1234 galatasaray1234 fenerbahce1234 iloveyou1234 dragon1234 monkey1234
football1234 princess1234 sunshine1234 master1234 shadow1234 letmein1234 superman1234 batman1234 pokemon1234
minecraft1234 starwars1234 charlie1234 abc1234 password12345 hello12345 schatz12345 schatzi12345 sommer12345
winter12345 sonne12345 sonnenschein12345 liebe12345 ichliebedich12345 geheim12345 qwertz12345 asdf12345
schalke12345 bayern12345 borussia12345 dortmund12345 fussball12345 werder12345 hamburg12345 berlin12345
koeln12345 deutschland12345 willkommen12345 welcome12345 admin12345 computer12345 internet12345 jobcenter12345
buergergeld12345 familie12345 mama12345 papa12345 katze12345 hund12345 mausi12345 hase12345 engel12345
prinzessin12345 michael12345 thomas12345 andreas12345 stefan12345 daniel12345 alexander12345 christian12345
julia12345 sabine12345 nicole12345 anna12345 laura12345 sarah12345 lisa12345 maria12345 peter12345 frank12345
kevin12345 dennis12345 marcel12345 tobias12345 florian12345 sebastian12345 markus12345 matthias12345 bvb12345
hsv12345 fcbayern12345 galatasaray12345 fenerbahce12345 iloveyou12345 dragon12345 monkey12345 football12345
princess12345 sunshine12345 master12345 shadow12345 letmein12345 superman12345 batman12345 pokemon12345
minecraft12345 starwars12345 charlie12345 hello123! schatz123! schatzi123! sommer123! winter123! sonne123!
sonnenschein123! liebe123! ichliebedich123! geheim123! qwerty123! asdf123! schalke123! bayern123! borussia123!
dortmund123! fussball123! werder123! hamburg123! berlin123! koeln123! deutschland123! willkommen123! admin123!
test123! computer123! internet123! jobcenter123! buergergeld123! familie123! mama123! papa123! katze123!
hund123! mausi123! hase123! engel123! prinzessin123! michael123! thomas123! andreas123! stefan123! daniel123!
alexander123! christian123! julia123! sabine123! nicole123! anna123! laura123! sarah123! lisa123! maria123!
peter123! frank123! kevin123! dennis123! marcel123! tobias123! florian123! sebastian123! markus123!
matthias123! bvb123! hsv123! fcbayern123! galatasaray123! fenerbahce123! iloveyou123! dragon123! monkey123!
football123! princess123! sunshine123! master123! shadow123! letmein123! superman123! batman123! pokemon123!
minecraft123! starwars123! charlie123! abc123! hallo1! hello1! schatz1! schatzi1! sommer1! winter1! sonne1!
sonnenschein1! liebe1! ichliebedich1! geheim1! qwertz1! qwerty1! asdf1! schalke1! bayern1! borussia1!
dortmund1! fussball1! werder1! hamburg1! berlin1! koeln1! deutschland1! willkommen1! welcome1! admin1! test1!
computer1! internet1! jobcenter1! buergergeld1! familie1! mama1! papa1! katze1! hund1! mausi1! hase1! engel1!
prinzessin1! michael1! thomas1! andreas1! stefan1! daniel1! alexander1! christian1! julia1! sabine1! nicole1!
anna1! laura1! sarah1! lisa1! maria1! peter1! frank1! kevin1! dennis1! marcel1! tobias1! florian1! sebastian1!
markus1! matthias1! bvb1! hsv1! fcbayern1! galatasaray1! fenerbahce1! iloveyou1! dragon1! monkey1! football1!
princess1! sunshine1! master1! shadow1! letmein1! superman1! batman1! pokemon1! minecraft1! starwars1!
charlie1! abc1! password2024 hello2024 schatz2024 schatzi2024 sonne2024 sonnenschein2024 liebe2024
ichliebedich2024 geheim2024 qwertz2024 qwerty2024 asdf2024 schalke2024 bayern2024 borussia2024 dortmund2024
fussball2024 werder2024 hamburg2024 berlin2024 koeln2024 deutschland2024 willkommen2024 welcome2024 admin2024
test2024 computer2024 internet2024 jobcenter2024 buergergeld2024 familie2024 mama2024 papa2024 katze2024
hund2024 mausi2024 hase2024 engel2024 prinzessin2024 michael2024 thomas2024 andreas2024 stefan2024 daniel2024
alexander2024 christian2024 julia2024 sabine2024 nicole2024 anna2024 laura2024 sarah2024 lisa2024 maria2024
peter2024 frank2024 kevin2024 dennis2024 marcel2024 tobias2024 florian2024 sebastian2024 markus2024
matthias2024 bvb2024 hsv2024 fcbayern2024 galatasaray2024 fenerbahce2024 iloveyou2024 dragon2024 monkey2024
football2024 princess2024 sunshine2024 master2024 shadow2024 letmein2024 superman2024 batman2024 pokemon2024
minecraft2024 starwars2024 charlie2024 abc2024 password2025 hello2025 schatz2025 schatzi2025 winter2025
sonne2025 sonnenschein2025 liebe2025 ichliebedich2025 geheim2025 qwertz2025 qwerty2025 asdf2025 schalke2025
bayern2025 borussia2025 dortmund2025 fussball2025 werder2025 hamburg2025 berlin2025 koeln2025 deutschland2025
willkommen2025 welcome2025 admin2025 test2025 computer2025 internet2025 jobcenter2025 buergergeld2025
familie2025 mama2025 papa2025 katze2025 hund2025 mausi2025 hase2025 engel2025 prinzessin2025 michael2025
thomas2025 andreas2025 stefan2025 daniel2025 alexander2025 christian2025 julia2025 sabine2025 nicole2025
anna2025 laura2025 sarah2025 lisa2025 maria2025 peter2025 frank2025 kevin2025 dennis2025 marcel2025 tobias2025
florian2025 sebastian2025 markus2025 matthias2025 bvb2025 hsv2025 fcbayern2025 galatasaray2025 fenerbahce2025
iloveyou2025 dragon2025 monkey2025 football2025 princess2025 sunshine2025 master2025 shadow2025 letmein2025
superman2025 batman2025 pokemon2025 minecraft2025 starwars2025 charlie2025 abc2025
`;

let set: Set<string> | null = null;

export function commonPasswords(): ReadonlySet<string> {
  if (!set) set = new Set(LIST.split(/\s+/).filter(Boolean));
  return set;
}
